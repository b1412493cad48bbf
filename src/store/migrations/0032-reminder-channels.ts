// Reminders in the messenger and by text message: a unit's or a person's channels (a group robot of 企业微信, 钉钉
// or 飞书, a generic webhook, a mobile number for SMS), chosen by the office. The address and the signing secret
// let anyone who holds them post into the group: both are sealed with SM4 (services/field-cipher.ts). A delivery
// may now go to a channel; its key stays unique, so each reminder is made and sent once per channel and day.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table reminder_channel (
      id serial primary key,
      unit_id int references org_unit(id),
      person_id int references person(id),
      kind text not null check (kind in ('wecom', 'dingtalk', 'feishu', 'webhook', 'sms')),
      name text not null,
      target text not null,
      secret text,
      active boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      check ((unit_id is null) <> (person_id is null))
    );
    create index reminder_channel_of_unit on reminder_channel (unit_id) where active;
    create index reminder_channel_of_person on reminder_channel (person_id) where active;
    alter table delivery drop constraint delivery_channel_check;
    alter table delivery add constraint delivery_channel_check check (channel in ('email', 'wecom', 'dingtalk', 'feishu', 'webhook', 'sms'));
    alter table delivery add column channel_id int references reminder_channel(id);
    `,
  );
}
