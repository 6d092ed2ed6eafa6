/** The `user` URL value that lists every user's keys (no username can contain "*"). */
export const ALL_USERS = "*";
