// A supervision run for one day, decided: for each item still on the ledger, its colour, the reminders it is due
// (before the deadline, on passing it, a missed report), a warning when its colour turns yellow or red, and the next
// rung of the escalation ladder. Every action carries a key made of what it is about — the item, the deadline, the
// unit it goes to — so the same run twice creates nothing new, and a moved deadline or a new lead unit makes new
// keys (the old reminders no longer apply and are cancelled by the run).
import { daysBetween } from '../ledger/dates.ts';
import { isOpen, type LedgerStatus } from '../ledger/problem-state.ts';
import { SUPERVISION_LABEL, type SupervisionKind } from '../ledger/supervision.ts';
import { COLOUR_LABEL, warningColour, type WarningColour, type WarningThresholds } from '../ledger/warning.ts';
import { CADENCE_LABEL, period } from './cadence.ts';
import type { SupervisionPolicy } from './policy.ts';

export interface SupervisedItem {
  readonly id: number;
  readonly code: string;
  readonly title: string;
  readonly status: LedgerStatus;
  readonly deadline: string | null;
  readonly startDate: string | null;
  readonly progress: number;
  readonly lastProgressAt: string | null;
  /** the day the present lead unit was named, when after the import: no report is missed before it */
  readonly leadSince?: string | null;
  readonly leadUnit: { readonly id: number; readonly name: string } | null;
  readonly leadLeader: { readonly id: number; readonly name: string } | null;
  readonly thresholds: WarningThresholds;
  readonly policy: SupervisionPolicy;
  /** what the last run saw: the colour, how many runs in a row it has been that colour, on which day */
  readonly observed: { readonly colour: WarningColour | null; readonly streak: number; readonly on: string } | null;
  /** the rungs of the ladder already climbed for the present deadline and lead unit, and the day each was */
  readonly climbed: readonly { readonly rung: SupervisionKind; readonly on: string }[];
}

export type ActionKind = 'due-soon' | 'overdue' | 'missed-report' | 'warning' | 'escalation';
export const ACTION_LABEL: Record<ActionKind, string> = {
  'due-soon': '临近时限提醒',
  overdue: '超期提醒',
  'missed-report': '未按时报送进展',
  warning: '预警',
  escalation: '升级督办',
};

export interface PlannedAction {
  readonly key: string;
  readonly kind: ActionKind;
  readonly problemId: number;
  readonly problem: string;
  /** the ladder's rung, for an escalation */
  readonly rung: SupervisionKind | null;
  readonly unitId: number | null;
  readonly unit: string | null;
  /** escalations also go to the leader in charge */
  readonly personId: number | null;
  readonly person: string | null;
  readonly deadline: string | null;
  readonly message: string;
}

export interface Observation {
  readonly problemId: number;
  readonly colour: WarningColour | null;
  readonly streak: number;
  readonly on: string;
}

export function planSupervision(items: readonly SupervisedItem[], day: string): { actions: PlannedAction[]; observations: Observation[] } {
  const actions: PlannedAction[] = [];
  const observations: Observation[] = [];
  for (const it of items) {
    if (it.status === 'completed') continue;
    const colour = warningColour(it, day, it.thresholds);
    const seen = it.observed;
    // a later run of the same day sees what the first saw; a run for an earlier day does not rewrite the record
    const streak = !seen ? 1 : seen.on === day ? seen.streak : seen.on < day ? (seen.colour === colour ? seen.streak + 1 : 1) : seen.streak;
    if (!seen || seen.on <= day) observations.push({ problemId: it.id, colour, streak, on: day });
    const to = it.leadUnit?.name ?? '整改办（尚未明确牵头单位）';
    const lead = `u${it.leadUnit?.id ?? 0}`;
    const base = {
      problemId: it.id,
      problem: it.code,
      unitId: it.leadUnit?.id ?? null,
      unit: it.leadUnit?.name ?? null,
      deadline: it.deadline,
    };
    const about = `${it.code}“${it.title}”`;
    const add = (key: string, kind: ActionKind, message: string, rung: SupervisionKind | null = null) =>
      actions.push({
        ...base,
        key,
        kind,
        rung,
        personId: rung ? (it.leadLeader?.id ?? null) : null,
        person: rung ? (it.leadLeader?.name ?? null) : null,
        message,
      });

    const open = isOpen(it.status);
    if (open && it.deadline) {
      const left = daysBetween(day, it.deadline);
      // the nearest threshold not yet passed: a first run 2 days out sends the 3-day reminder, not all three
      const threshold = [...it.policy.dueSoonDays].sort((a, b) => a - b).find((d) => left >= 0 && left <= d);
      if (threshold !== undefined)
        add(
          `due-soon:${it.code}:${it.deadline}:${threshold}:${lead}`,
          'due-soon',
          `【临近时限】${about}将于${it.deadline}到期（还有${left}天），请${to}抓紧推进并报送进展。`,
        );
      if (left < 0)
        add(
          `overdue:${it.code}:${it.deadline}:${lead}`,
          'overdue',
          `【已超期】${about}已超过整改时限${it.deadline}，请${to}说明原因并报送整改计划。`,
        );
    }
    // a missed report: nothing reported in the period that ended on the latest due day (the last report, or the start
    // of the work, or the day the lead unit was named, is on or before the due day before it)
    const cadence =
      it.status === 'phased' ? it.policy.phasedReport : ((it.leadUnit && it.policy.unitReport[it.leadUnit.name]) ?? it.policy.report);
    const p = period(cadence, day);
    const reported = it.lastProgressAt ?? it.startDate;
    const last = it.leadSince && (!reported || it.leadSince > reported) ? it.leadSince : reported;
    if (p?.previous && last && last <= p.previous && (it.status === 'phased' || open))
      add(
        `missed-report:${it.code}:${p.due}:${lead}`,
        'missed-report',
        `【未按时报送】${about}应于${p.due}前报送${p.previous}以来的整改进展（${CADENCE_LABEL[cadence.every]}报送），${to}至今未报。`,
      );

    // phase-complete items report by their own (quarterly) cadence: no colour warnings for them
    if (open && (colour === 'yellow' || colour === 'red') && seen?.colour !== colour && !(seen && seen.on > day))
      add(`warning:${it.code}:${colour}:${day}`, 'warning', `【${COLOUR_LABEL[colour]}预警】${about}，牵头单位：${to}。`);

    // the ladder: 督办单 after yellow runs in a row or on the first overdue day, 挂牌督办 and 约谈 by days overdue —
    // climbed one rung at a time, at most one a day: an item found long overdue gets its 督办单 today, is listed
    // tomorrow if still due, and a talk is recommended the day after, never all three at once
    if (open) {
      const overdue = it.deadline ? daysBetween(it.deadline, day) : 0;
      const due: SupervisionKind[] = [];
      if ((colour === 'yellow' && streak >= it.policy.noticeAfterYellowRuns) || overdue >= 1) due.push('notice');
      if (overdue >= Math.max(1, it.policy.listedAfterOverdueDays)) due.push('listed');
      if (overdue >= Math.max(1, it.policy.talkAfterOverdueDays)) due.push('talk');
      const climbedToday = it.climbed.some((c) => c.on >= day);
      const next = due.find((r) => !it.climbed.some((c) => c.rung === r));
      for (const rung of climbedToday || !next ? [] : [next]) {
        const who =
          rung === 'talk' ? `建议约谈${to}${it.leadLeader ? `及责任领导${it.leadLeader.name}` : '主要负责同志'}` : `请${to}限期整改到位`;
        add(
          `escalation:${it.code}:${rung}:${it.deadline ?? 'none'}:${lead}`,
          'escalation',
          `【${SUPERVISION_LABEL[rung]}】${about}${overdue >= 1 ? `已超期${overdue}天` : `连续${streak}次预警为黄色`}，${who}。`,
          rung,
        );
      }
    }
  }
  return { actions, observations };
}
