import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `/console/campaigns`: creating and running campaigns. */
export const consoleCampaignRoutes = new Hono<AppEnv>();
