// The application behind the login (Ant Design, the menu, every screen), loaded once someone is in — or as soon as
// someone presses 登录, so that it arrives with the answer.
export const loadApplication = () => import('./App.tsx');
