import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `/console/stores`: connecting the merchant's stores. */
export const consoleStoreRoutes = new Hono<AppEnv>();
