/** Queue handler of lead notifications (email, Slack-compatible webhook, signed CRM webhook). */
import {
  deliverLeadNotification,
  NOTIFY_LEAD,
  sweepOverdueNotifications,
} from "../lib/notify/lead_notifications.ts";
import { type Schedule, schedules } from "../lib/jobs/schedules.ts";
import { onJob } from "../lib/jobs/registry.ts";

onJob(NOTIFY_LEAD, async (message, services) => {
  await deliverLeadNotification(services, String(message.notificationId), Number(message.attempt));
});

/** Every 10 minutes: re-enqueues lead notifications whose queue job was lost. */
export const notifySweepJob: Schedule = {
  name: "notify-sweep",
  schedule: "*/10 * * * *",
  run: async (services) => {
    await sweepOverdueNotifications(services);
  },
};

schedules.push(notifySweepJob);
