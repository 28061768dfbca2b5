// Preloaded into every CLI a test spawns (NODE_OPTIONS, set by cleanEnv in cli.ts): a connection to
// any host but this machine fails the way an unknown host does. A test that forgets to send a
// profile to a simulator then fails on its own machine too, instead of handing a (fake) secret to a
// real host whenever the network happens to be there. Proxies are left alone: tests of them set their
// own variables, and a proxy on loopback is allowed like any server the tests start.

import net from 'node:net';

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/i;

/** The host a Socket#connect call goes to, or undefined for a local socket (a pipe). */
function hostOf(args) {
  // Node passes its own calls' arguments already normalized, as one array.
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first !== null && typeof first === 'object') return typeof first.path === 'string' && first.path ? undefined : (first.host ?? 'localhost');
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  return typeof second === 'string' ? second : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const host = hostOf(args);
  if (host === undefined || LOOPBACK.test(host)) return connect.apply(this, args);
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (tests never leave this machine: test/helpers/loopback-only.mjs)`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: host,
  });
  this.connecting = true;
  process.nextTick(() => this.destroy(error));
  return this;
};
