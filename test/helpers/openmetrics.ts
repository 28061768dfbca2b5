// Parses OpenMetrics text with the Prometheus project's own parser: prometheus_client.openmetrics.parser
// of its Python client (Debian's python3-prometheus-client; .ci/run installs it). npm has no strict
// OpenMetrics parser: the Prometheus text parsers there (parse-prometheus-text-format, exposition)
// throw on almost nothing, ignore `# EOF` and keep unknown escapes. The text is also read by the same
// client's Prometheus text-format (0.0.4) parser, the format node_exporter's textfile collector reads.
//
// The Python parser calls itself laxer than Prometheus' Go parser, so `parseOpenMetrics` also checks what
// it lets through and the exposition format forbids: a line that is no metric name, label set and
// number, an escape other than \\ \" \n, a series given twice, anything after `# EOF`.

import { spawnSync } from 'node:child_process';

/** Debian's Python, where the Debian package installs. */
const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
from prometheus_client.parser import text_string_to_metric_families as text_format_families
text = sys.stdin.read()
families = [
    {"name": f.name, "type": f.type, "unit": f.unit, "help": f.documentation,
     "samples": [{"name": s.name, "labels": s.labels, "value": s.value, "timestamp": s.timestamp is not None} for s in f.samples]}
    for f in text_string_to_metric_families(text)
]
list(text_format_families(text))
json.dump(families, sys.stdout)
`;

export interface OmSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp: boolean;
}

export interface OmFamily {
  name: string;
  type: string;
  unit: string;
  help: string;
  samples: OmSample[];
}

/** Whether the Prometheus parser is installed here. In CI it must be: the tests that need it fail there instead of skipping. */
export const parserAvailable = spawnSync(PYTHON, ['-c', 'import prometheus_client.openmetrics.parser'], { stdio: 'ignore' }).status === 0;
export const runParserTests = parserAvailable || !!process.env.CI;

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const NUMBER = '[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const SAMPLE = new RegExp(`^(${NAME}(?:\\{${LABEL}(?:,${LABEL})*\\})?) ${NUMBER}$`);
const DESCRIPTOR = new RegExp(`^# (?:TYPE ${NAME} gauge|UNIT ${NAME} [a-zA-Z0-9_:]+|HELP ${NAME} [^\\\\"]*)$`);

/** The strict parse, or an Error saying what is wrong. */
export function parseOpenMetrics(text: string): OmFamily[] {
  if (!text.endsWith('\n# EOF\n') && text !== '# EOF\n') throw new Error('does not end with "# EOF" and a line feed');
  const series = new Set<string>();
  for (const line of text.slice(0, -'# EOF\n'.length).split('\n').slice(0, -1)) {
    if (DESCRIPTOR.test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a descriptor or a sample: ${JSON.stringify(line)}`);
    if (series.has(sample[1]!)) throw new Error(`a series given twice: ${sample[1]}`);
    series.add(sample[1]!);
  }
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: text, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n').pop() ?? '';
    throw new Error(parserAvailable ? `the Prometheus parser refused it: ${why}` : `no Prometheus parser: install python3-prometheus-client (${why})`);
  }
  return JSON.parse(r.stdout) as OmFamily[];
}

/** The samples of one family (an Error if it is absent). */
export function samplesOf(families: readonly OmFamily[], name: string): OmSample[] {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no family ${name} in ${families.map((f) => f.name).join(', ')}`);
  return family.samples;
}
