// The public pages every sweep visits (axe in accessibility.spec.ts, the 360 px overflow
// sweep in overflow.spec.ts): one of each kind, with the demo data's ids.
export const PUBLIC_PAGES = [
  "/",
  "/services",
  "/services/1",
  "/near",
  "/suggest",
  "/status",
  "/volunteers",
  "/volunteers/teams/1",
  "/volunteers/activities",
  "/volunteers/apply?team=1",
  "/merchants",
  "/merchants/streets/1",
  "/merchants/register?street=1",
  "/staff",
];
