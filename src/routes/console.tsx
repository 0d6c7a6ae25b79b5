import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ConsoleUnavailable } from '../views/ConsoleUnavailable';

/** `/console`: where merchants will run campaigns. */
export const consoleRoutes = new Hono<AppEnv>().get('/console', (c) =>
  c.html(<ConsoleUnavailable />),
);
