// Builds the sandbox's org: deterministic for a given day (see SeedClock), fast (~100 objects of
// each common kind) and rich enough for agents to answer real questions against.
import { seededRandom } from "../rng.js";
import { Store } from "../store.js";
import { seedCatalog } from "./catalog.js";
import { SeedClock } from "./clock.js";
import { seedContent, seedSlas } from "./content.js";
import { seedPeople } from "./people.js";
import { seedStages } from "./stages.js";
import { seedWorks } from "./works.js";

export function seedStore(now: Date): Store {
  const store = new Store();
  const clock = new SeedClock(now);
  const people = seedPeople(store, clock);
  seedStages(store, clock, people.alice);
  const catalog = seedCatalog(store, clock, people);
  const env = { store, clock, people, catalog, rnd: seededRandom(20240124) };
  const sla = seedSlas(env);
  const works = seedWorks(env, sla);
  seedContent(env, works);
  return store;
}
