// The application once someone is logged in (app/Root.tsx holds the session and the login): Chinese locale, the
// layout with its menu, and the routes.
import { App as AntApp, Badge, Button, Card, ConfigProvider, Dropdown, Layout, Menu, Modal, Result, Spin, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useState } from 'react';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from './session.tsx';
import { LoadFailure } from './LoadFailure.tsx';
import { lazy, Suspense } from 'react';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm.tsx';
import { UnreadProvider, useUnread } from '../features/notifications/unread.tsx';

// each screen loads when first opened: the login page and the first screen come up without the charts' code
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage })));
const ProblemPage = lazy(() => import('../features/problem/ProblemPage.tsx').then((m) => ({ default: m.ProblemPage })));
const ImportPage = lazy(() => import('../features/import/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const PerfListPage = lazy(() => import('../features/perf/PerfListPage.tsx').then((m) => ({ default: m.PerfListPage })));
const PerfEvaluationPage = lazy(() => import('../features/perf/PerfEvaluationPage.tsx').then((m) => ({ default: m.PerfEvaluationPage })));
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const SupervisionPage = lazy(() => import('../features/supervision/SupervisionPage.tsx').then((m) => ({ default: m.SupervisionPage })));
const TodoPage = lazy(() => import('../features/todo/TodoPage.tsx').then((m) => ({ default: m.TodoPage })));
const LeadsPage = lazy(() => import('../features/leads/LeadsPage.tsx').then((m) => ({ default: m.LeadsPage })));
const SubmissionsPage = lazy(() => import('../features/submissions/SubmissionsPage.tsx').then((m) => ({ default: m.SubmissionsPage })));
const LeadPage = lazy(() => import('../features/leads/LeadPage.tsx').then((m) => ({ default: m.LeadPage })));
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));

dayjs.locale('zh-cn');

function Shell() {
  const { session } = useSession();
  if (!session) return null; // Root shows the login instead
  if (session.user.mustChangePassword) return <FirstPassword />;
  return (
    <UnreadProvider>
      <Screens />
    </UnreadProvider>
  );
}

/** A count beside a menu entry, when there is one. */
const counted = (label: string, n: number, testId: string) => (
  // the badge's own text colour would paint the menu entry black on the dark header
  <Badge count={n} size="small" offset={[8, -2]} data-testid={testId} style={{ boxShadow: 'none' }} rootClassName="menu-count">
    {label}
  </Badge>
);

/** The application once logged in: the menu with its counts, the profile menu, and the screens. */
function Screens() {
  const { session, logout, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { unread, todo } = useUnread();
  const [changingPassword, setChangingPassword] = useState(false);
  if (!session) return null;
  const items = [
    { key: '/', label: '首页' },
    { key: '/todo', label: counted('待办', todo, 'todo-count') },
    { key: '/ledger', label: '台账' },
    ...(can('import') ? [{ key: '/import', label: '导入' }] : []),
    { key: '/check', label: '核验' },
    { key: '/perf', label: '绩效自评' },
    { key: '/supervision', label: '督办' },
    { key: '/notifications', label: counted('督办提醒', unread, 'unread-count') },
    ...(can('intake') ? [{ key: '/submissions', label: '群众反映' }] : []),
    ...(can('leads') ? [{ key: '/leads', label: '问题线索' }] : []),
    ...(can('manage-org') || can('manage-users') ? [{ key: '/admin', label: '系统管理' }] : []),
  ];
  const selected = items.map((i) => i.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          整改通
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'who', label: `${session.user.roleLabel}${session.user.unit ? `·${session.user.unit}` : ''}`, disabled: true },
              { type: 'divider' },
              { key: 'password', label: '修改密码' },
              { key: 'logout', label: '退出登录' },
            ],
            onClick: (e) => (e.key === 'password' ? setChangingPassword(true) : e.key === 'logout' ? void logout() : undefined),
          }}
        >
          <Button type="text" style={{ color: '#fff' }} data-testid="current-user">
            {session.user.displayName} <DownOutlined />
          </Button>
        </Dropdown>
        <Modal title="修改密码" open={changingPassword} onCancel={() => setChangingPassword(false)} footer={null} destroyOnHidden>
          <ChangePasswordForm done={() => setChangingPassword(false)} />
        </Modal>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {/* a new screen tries again: the failure was that screen's */}
        <LoadFailure key={location.pathname}>
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route path="/" element={<DashboardPage />} />
              <Route path="/ledger" element={<LedgerPage />} />
              <Route path="/problems/:code" element={<ProblemPage />} />
              <Route
                path="/import"
                element={can('import') ? <ImportPage mode="import" /> : <NotYours what="导入整改报告" who="系统管理员和整改办" />}
              />
              <Route path="/check" element={<ImportPage mode="check" />} />
              <Route path="/perf" element={<PerfListPage />} />
              <Route path="/perf/:id" element={<PerfEvaluationPage />} />
              <Route path="/supervision" element={<SupervisionPage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              <Route path="/todo" element={<TodoPage />} />
              <Route
                path="/submissions"
                element={can('intake') ? <SubmissionsPage /> : <NotYours what="群众反映" who="整改办、监督和系统管理员" />}
              />
              <Route path="/leads" element={can('leads') ? <LeadsPage /> : <NotYours what="问题线索" who="纪检、监督和系统管理员" />} />
              <Route
                path="/leads/:code"
                element={can('leads') ? <LeadPage /> : <NotYours what="问题线索" who="纪检、监督和系统管理员" />}
              />
              <Route
                path="/admin"
                element={can('manage-org') || can('manage-users') ? <AdminPage /> : <NotYours what="系统管理" who="系统管理员和整改办" />}
              />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </LoadFailure>
      </Layout.Content>
    </Layout>
  );
}

/** After an administrator's reset: nothing but the new password until it is set (the server allows nothing else). */
function FirstPassword() {
  const { session, logout } = useSession();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card
        title={`${session?.user.displayName}，请先设置新密码`}
        style={{ width: 420 }}
        extra={
          <Button type="link" onClick={() => void logout()}>
            退出
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          您的密码由管理员设置（新开账号或重置密码），只能用于这一次登录。请输入管理员告知的密码，并设置您自己的新密码。
        </Typography.Paragraph>
        <ChangePasswordForm oldLabel="一次性密码" />
      </Card>
    </div>
  );
}

/** A screen reached by its address that the person's role does not open: said so, not shown half-working. */
function NotYours({ what, who }: { what: string; who: string }) {
  return <Result status="403" title="没有权限" subTitle={`${what}只对${who}开放`} extra={<Link to="/">回到首页</Link>} />;
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' } }}
    >
      <AntApp>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
