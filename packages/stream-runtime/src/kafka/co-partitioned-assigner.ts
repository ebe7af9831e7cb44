import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

const protocolName = 'churnwatch-co-partitioned';

/**
 * Plans which member owns which partition numbers. Members keep the partitions they own (sticky)
 * as far as a balanced split allows, so a rebalance moves as little state as possible; the rest
 * go out in ascending order. Deterministic for the same inputs.
 */
export function planAssignment(partitionCount: number, members: ReadonlyArray<{ memberId: string; owned: readonly number[] }>): Map<string, number[]> {
  const plan = new Map<string, number[]>();
  if (members.length === 0) return plan;
  const base = Math.floor(partitionCount / members.length);
  const extra = partitionCount % members.length;
  // Members that already own more get the larger quotas, so fewer partitions move.
  const ranked = [...members].sort((a, b) => b.owned.length - a.owned.length || (a.memberId < b.memberId ? -1 : 1));
  const quota = new Map(ranked.map((member, rank) => [member.memberId, base + (rank < extra ? 1 : 0)]));
  const taken = new Set<number>();
  for (const member of ranked) {
    const kept = [...new Set(member.owned)]
      .filter((p) => Number.isInteger(p) && p >= 0 && p < partitionCount && !taken.has(p))
      .sort((a, b) => a - b)
      .slice(0, quota.get(member.memberId));
    for (const p of kept) taken.add(p);
    plan.set(member.memberId, kept);
  }
  const free = Array.from({ length: partitionCount }, (_, p) => p).filter((p) => !taken.has(p));
  for (const member of [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1))) {
    const mine = plan.get(member.memberId)!;
    while (mine.length < quota.get(member.memberId)! && free.length) mine.push(free.shift()!);
    mine.sort((a, b) => a - b);
  }
  return plan;
}

function decodeOwned(userData: Buffer | null | undefined): number[] {
  if (!userData || userData.length === 0) return [];
  try {
    const parsed = JSON.parse(userData.toString('utf8')) as { owned?: unknown };
    return Array.isArray(parsed.owned) ? parsed.owned.filter((p): p is number => typeof p === 'number') : [];
  } catch {
    return [];
  }
}

/**
 * A kafkajs partition assigner that keeps co-partitioned inputs together: a member that owns
 * partition p of one input owns partition p of every input, so one task sees all of a key's records.
 * `owned()` reports the partitions this member holds now (sent to the leader for stickiness).
 */
export function coPartitionedAssigner(owned: () => readonly number[]): PartitionAssigner {
  return ({ cluster }) => ({
    name: protocolName,
    version: 1,
    async assign({ members, topics }) {
      const counts = topics.map((topic) => cluster.findTopicPartitionMetadata(topic).length);
      // Co-partitioning is checked at start-up; should counts differ now, only shared partition numbers are assigned.
      const partitionCount = counts.length ? Math.min(...counts) : 0;
      const plan = planAssignment(
        partitionCount,
        members.map((member) => ({ memberId: member.memberId, owned: decodeOwned(AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.userData) })),
      );
      return members.map((member) => ({
        memberId: member.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: Object.fromEntries(topics.map((topic) => [topic, plan.get(member.memberId) ?? []])),
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: protocolName,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.from(JSON.stringify({ owned: owned() })) }),
      };
    },
  });
}
