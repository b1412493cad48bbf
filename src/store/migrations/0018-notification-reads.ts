// Whether a notification was read is a person's, not the notification's: a unit's clerk marking a reminder read
// must not take it off the office's list or its leader's badge.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table notification_read (
      notification_id bigint not null references notification(id) on delete cascade,
      user_id int not null references app_user(id) on delete cascade,
      read_at timestamptz not null default now(),
      primary key (user_id, notification_id)
    );
    -- marked read before: read by everyone who could see it then, as it was shown
    insert into notification_read (notification_id, user_id)
      select n.id, u.id from notification n cross join app_user u where n.status = 'read';
    update notification set status = 'pending' where status = 'read';
    `,
  );
}
