// Why a session ended, in the words the sign-in page shows (/login?ended=<reason>) and route handlers
// answer with. The reason in the URL only picks one of these texts; nothing from it is shown as is.
import { describeDuration, isEndReason, SESSION_MAX_HOURS, sessionIdleMs, type EndReason } from "./console-sessions";

const MESSAGES: Record<EndReason, () => string> = {
  idle: () => `Your session ended after ${describeDuration(sessionIdleMs())} without activity.`,
  expired: () => `Your session ended: a session lasts ${SESSION_MAX_HOURS} hours at most.`,
  disabled: () => "Your account was disabled. Ask an administrator to enable it.",
  deleted: () => "Your account was deleted.",
  password: () => "Your password was changed. Sign in with the new password.",
  signout: () => "You signed out.",
  ended: () => "Your session has ended.",
};

export function sessionEndedMessage(reason: EndReason): string {
  return MESSAGES[reason]();
}

/** The notice for a ?ended= parameter, or null when it names no reason. */
export function sessionEndedNotice(param: unknown): string | null {
  return isEndReason(param) ? sessionEndedMessage(param) : null;
}
