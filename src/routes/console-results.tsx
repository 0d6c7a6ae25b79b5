import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** Results, exports and shoppers' data rights. */
export const consoleResultRoutes = new Hono<AppEnv>();
