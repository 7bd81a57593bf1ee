import { InvalidArgumentError } from '../common/errors';

/**
 * Flink's ParameterTool: the job arguments after the job file, `--name value` or `--flag`.
 */
export class ParameterTool {
  private readonly values = new Map<string, string>();

  static fromArgs(args: readonly string[]): ParameterTool {
    const tool = new ParameterTool();
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (!arg.startsWith('-') || arg === '-' || arg === '--') continue;
      const body = arg.replace(/^--?/, '');
      const eq = body.indexOf('=');
      if (eq >= 0) {
        tool.values.set(body.slice(0, eq), body.slice(eq + 1));
        continue;
      }
      const next = args[i + 1];
      if (next !== undefined && (!next.startsWith('-') || /^-\d/.test(next))) {
        tool.values.set(body, next);
        i++;
      } else {
        tool.values.set(body, 'true');
      }
    }
    return tool;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): string | undefined;
  get(name: string, defaultValue: string): string;
  get(name: string, defaultValue?: string): string | undefined {
    return this.values.get(name) ?? defaultValue;
  }

  getNumber(name: string): number | undefined;
  getNumber(name: string, defaultValue: number): number;
  getNumber(name: string, defaultValue?: number): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return defaultValue;
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new InvalidArgumentError(`Job argument --${name} must be a number, got '${raw}'`);
    return n;
  }

  getBoolean(name: string, defaultValue = false): boolean {
    const raw = this.values.get(name);
    if (raw === undefined) return defaultValue;
    return raw !== 'false' && raw !== '0';
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}
