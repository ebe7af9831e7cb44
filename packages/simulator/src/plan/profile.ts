import { bernoulli, choice, intBetween } from '../random/distributions.ts';
import type { Prng } from '../random/prng.ts';
import type { PlanContext } from './context.ts';
import { instantOn } from './context.ts';
import type { CustomerBase } from './customer-base.ts';
import type { SparseDraft } from './customer-plan.ts';
import { formatCents } from './money.ts';

const nameStems = [
  'Alder',
  'Brisk',
  'Cobalt',
  'Dune',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Marl',
  'Nimbus',
  'Orchard',
  'Pine',
];
const nameTails = ['Logistics', 'Health', 'Analytics', 'Foods', 'Energy', 'Labs', 'Retail', 'Studios', 'Finance', 'Systems', 'Mobility', 'Works'];
const owners = [
  { name: 'Ada Moreau', slack: 'ada.m' },
  { name: 'Bruno Silva', slack: 'bruno' },
  { name: 'Chiara Conti', slack: 'chiara' },
  { name: 'Dev Malhotra', slack: 'dev.m' },
  { name: 'Elin Berg', slack: 'elin' },
  { name: 'Farid Haddad', slack: 'farid' },
  { name: 'Greta Novak', slack: 'greta.n' },
  { name: 'Hugo Laurent', slack: 'hugo' },
];

function ownerOf(rng: Prng): { name: string; email: string; slackHandle: string } {
  const owner = choice(rng, owners);
  return { name: owner.name, email: `${owner.name.toLowerCase().replace(' ', '.')}@example.com`, slackHandle: `@${owner.slack}` };
}

/**
 * The CRM record of a customer (for `profileShare` of them): written at the very start of the
 * period, and for some rewritten later when the account changes owner.
 */
export function profileDrafts(context: PlanContext, rng: Prng, base: CustomerBase, plan: string, annualValueCents: number): SparseDraft[] {
  if (!bernoulli(rng, context.options.profileShare)) return [];
  const fields = {
    name: `${choice(rng, nameStems)} ${choice(rng, nameTails)}`,
    owner: ownerOf(rng),
    segment: base.segment,
    plan,
    contractValue: { amount: formatCents(annualValueCents), currency: context.options.currency },
  };
  const drafts: SparseDraft[] = [{ kind: 'customer_profile', timeMs: context.startMs, fields }];
  if (bernoulli(rng, 0.06)) {
    const day = intBetween(rng, Math.min(30, context.lastDay), context.lastDay);
    drafts.push({ kind: 'customer_profile', timeMs: instantOn(context, day, intBetween(rng, 6, 18), rng), fields: { ...fields, owner: ownerOf(rng) } });
  }
  return drafts;
}
