// Whether authdoctor owns the process it runs in: the command line does, a script that imports the
// library does not. Process-wide settings (V8 flags) are changed only by an owner.

let owner = false;

/** Called by the command line as it starts. */
export function ownProcess(): void {
  owner = true;
}

export function ownsProcess(): boolean {
  return owner;
}

/**
 * Sets V8 flags, as only the owner may. V8 stamps its flags on the code cache it makes, so the
 * command's compile cache (bin/authdoctor.js, bin/code-cache.js) is first told to write what it has
 * so far: made after the change, that data would be refused by the next run, which starts without it.
 */
export async function setV8Flags(...flags: string[]): Promise<void> {
  if (!owner) return;
  (process as NodeJS.EventEmitter).emit('authdoctor:v8-flags');
  const { setFlagsFromString } = await import('node:v8');
  for (const flag of flags) setFlagsFromString(flag);
}
