import 'vitest';

declare module 'vitest' {
  /** Set by vitest.scale.config.ts: how many submissions the scale run makes. */
  export interface ProvidedContext {
    scaleSubmissions: number;
    /** Answers with the CPU milliseconds workerd has used so far. */
    cpuProbeUrl: string;
  }
  /** The figures a scale run reports, written to test-results/ by its reporter. */
  export interface TaskMeta {
    scale?: unknown;
  }
}
