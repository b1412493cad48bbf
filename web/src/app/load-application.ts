// The application behind the login (Ant Design, the menu, every screen), loaded once someone is in — or as soon as
// someone presses 登录, so that it arrives with the answer. The screen the address asks for (the dashboard, most
// often) is fetched beside it rather than after it: the two downloads overlap instead of queueing.
export function loadApplication() {
  const path = window.location.pathname;
  if (path === '/' || path === '') void import('../features/dashboard/DashboardPage.tsx');
  else if (path.startsWith('/ledger')) void import('../features/ledger/LedgerPage.tsx');
  return import('./App.tsx');
}
