import { DurableObject } from 'cloudflare:workers';
import { createDb } from '../db/client';
import { createLogger } from '../lib/logger';
import { socialAdapterFor } from '../social';
import type { OurFeatures } from '../verify/image-match';
import type { FeatureCache } from './post-checks';
import { runMonitorStep } from './run-step';
import type { MonitorCounters } from './step-context';

type MonitorState = {
  submissionId: string;
  counters: MonitorCounters;
  runs: number;
  lastRunAt: number | null;
};

const INITIAL: MonitorState = {
  submissionId: '',
  counters: { looks: 0, failures: 0 },
  runs: 0,
  lastRunAt: null,
};

/**
 * The schedule of checks for one submission, one object per submission, driven by alarms.
 * It keeps only its schedule and counters; every decision is written to D1 by the step it runs,
 * before any side effect. An alarm that throws is retried by the runtime, and the cron re-arms
 * any monitor whose next check in D1 is overdue.
 */
export class PostMonitor extends DurableObject<Cloudflare.Env> {
  /** Starts (or moves) the schedule: the next check runs at `at` (epoch ms). */
  async arm(submissionId: string, at: number): Promise<void> {
    const state = await this.state();
    await this.ctx.storage.put<MonitorState>('state', { ...state, submissionId });
    await this.ctx.storage.setAlarm(at);
  }

  /** What the monitor knows: for the console and tests. */
  async describe(): Promise<MonitorState & { nextAlarmAt: number | null }> {
    const state = await this.state();
    return { ...state, nextAlarmAt: await this.ctx.storage.getAlarm() };
  }

  override async alarm(): Promise<void> {
    const state = await this.state();
    if (!state.submissionId) return;

    const db = createDb(this.env.DB);
    const logger = createLogger(this.env.LOG_LEVEL, { submissionId: state.submissionId });
    const adapterFor = socialAdapterFor(this.env, db);
    const featureCache = this.featureCache();
    const outcome = await runMonitorStep(
      { env: this.env, db, logger, adapterFor, featureCache },
      state.submissionId,
      state.counters,
    );

    const next = {
      ...state,
      counters: outcome.counters,
      runs: state.runs + 1,
      lastRunAt: Date.now(),
    };
    await this.ctx.storage.put<MonitorState>('state', next);
    if (outcome.nextAt !== null) await this.ctx.storage.setAlarm(outcome.nextAt);
    else await this.dropFeatures();
    logger.info('monitor ran', { runs: next.runs, nextAt: outcome.nextAt });
  }

  /**
   * With nothing left to watch, the kept features go: they are most of what a monitor stores
   * (the scale run measured about 19 KB against 100 bytes of schedule), they are billed each
   * month they stay, and they are derived from a shopper's post. A later arm (an approval, a
   * retry) that needs them prepares them again from R2.
   */
  private async dropFeatures(): Promise<void> {
    const kept = await this.ctx.storage.list({ prefix: 'features:' });
    if (kept.size > 0) await this.ctx.storage.delete([...kept.keys()]);
  }

  // Our post image's prepared features (a few tens of KB), kept for the checks that follow.
  private featureCache(): FeatureCache {
    const storage = this.ctx.storage;
    return {
      get: (key) => storage.get<OurFeatures>(`features:${key}`),
      put: (key, features) => storage.put(`features:${key}`, features),
    };
  }

  private async state(): Promise<MonitorState> {
    return (await this.ctx.storage.get<MonitorState>('state')) ?? INITIAL;
  }
}

/** The monitor of one submission; the object id is derived from the submission id. */
export function monitorFor(env: Cloudflare.Env, submissionId: string) {
  return env.POST_MONITOR.get(env.POST_MONITOR.idFromName(submissionId));
}
