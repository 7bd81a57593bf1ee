/**
 * Structured, line-oriented logging to stderr (stdout belongs to print() sinks on
 * TaskManagers). Level from SLUICE_LOG_LEVEL: debug | info | warn | error.
 */
import { processLogTail } from './log-tail';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const env = (process.env.SLUICE_LOG_LEVEL ?? 'info') as LogLevel;
  return ORDER[env] ?? ORDER.info;
}

export class Logger {
  private readonly min = threshold();
  constructor(private readonly component: string) {}

  child(component: string): Logger {
    return new Logger(`${this.component}/${component}`);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.log('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.log('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.log('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.log('error', msg, fields);
  }

  private log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < this.min) return;
    let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${this.component}] ${msg}`;
    if (fields) {
      for (const [k, v] of Object.entries(fields)) line += ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    }
    line += '\n';
    processLogTail.append(line);
    process.stderr.write(line);
  }
}
