import type { SeedSite } from '../seed-types';
import { kotaKupang } from './kota-kupang';
import { kotaProbolinggo } from './kota-probolinggo';

export { kotaKupang, kotaProbolinggo };

/** Every site the seed creates, in order. */
export const seedSites: SeedSite[] = [kotaKupang, kotaProbolinggo];
