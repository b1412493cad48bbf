// The ways a problem is supervised (督办), in the order the escalation ladder climbs them.
export const SUPERVISION_LABEL = {
  reminder: '提醒',
  notice: '督办单',
  listed: '挂牌督办',
  talk: '约谈',
  circular: '通报',
  accountability: '问责',
} as const;
export type SupervisionKind = keyof typeof SUPERVISION_LABEL;
