// The demo generator's view of the catalogue: the product catalogue, the account the demo events belong to
// and the default sensitive list (re-exported for the generator; product code imports the modules themselves).
export * from "@/lib/catalog/catalog";
export { DEFAULT_ACCOUNT_ID as DEMO_ACCOUNT_ID } from "@/lib/config/account";
export * from "@/lib/events/sensitive-rule";
