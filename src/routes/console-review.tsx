import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `/console/review` and `/console/submissions`: reviewing shoppers' posts. */
export const consoleReviewRoutes = new Hono<AppEnv>();
