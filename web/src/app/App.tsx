// The application once someone is logged in (app/Root.tsx holds the session and the login): Chinese locale, the
// layout with its menu, and the routes.
import { App as AntApp, Badge, Button, Card, ConfigProvider, Drawer, Dropdown, Layout, Menu, Modal, Result, Spin, Typography } from 'antd';
import { DownOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { pendingCount } from '../lib/pending-uploads.ts';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from './session.tsx';
import { LoadFailure } from './LoadFailure.tsx';
import { lazy, Suspense } from 'react';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm.tsx';
import { SecondFactorSetup } from '../features/auth/SecondFactorSetup.tsx';
import { MyRecord } from '../features/auth/MyRecord.tsx';
import { UnreadProvider, useUnread } from '../features/notifications/unread.tsx';
import { useDrawerMenu, useNarrow } from '../lib/narrow.ts';

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
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

dayjs.locale('zh-cn');

function Shell() {
  const { session } = useSession();
  if (!session) return null; // Root shows the login instead
  if (session.user.mustChangePassword) return <FirstPassword />;
  if (session.user.mustSetUpSecondFactor) return <FirstSecondFactor />;
  if (session.capabilities.length === 0) return <NoRoleYet />;
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
  const { modal } = AntApp.useApp();
  // photos still waiting on this browser go with the session: said before, so nobody loses them unawares
  const leave = async () => {
    const waiting = await pendingCount();
    if (waiting === 0) return logout();
    modal.confirm({
      title: `本机还有 ${waiting} 份佐证材料尚未上传`,
      content: '退出登录后将从本机删除（防止下一位使用者以自己的账号上传）。可先联网等待上传完成再退出。',
      okText: '仍然退出',
      cancelText: '暂不退出',
      onOk: () => logout(),
    });
  };
  const navigate = useNavigate();
  const location = useLocation();
  const { unread, todo } = useUnread();
  const [changingPassword, setChangingPassword] = useState(false);
  const [settingUp, setSettingUp] = useState(false);
  const [ownRecord, setOwnRecord] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const narrow = useNarrow();
  const drawer = useDrawerMenu();
  useLoginHistory();
  // on a phone a unit's clerk opens on 待办 — what to report today, not the charts; 首页 is a tap away afterwards
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, as the application opens after a login
  useEffect(() => {
    if (session?.user.role === 'unit' && location.pathname === '/' && window.matchMedia('(max-width: 767.98px)').matches)
      navigate('/todo', { replace: true });
  }, []);
  if (!session) return null;
  // the three administrators see no ledger (三员分立): their menus are their duties alone
  const business = can('read');
  const administers = can('manage-org') || can('manage-users') || can('grant-roles') || can('security-policy');
  const items = [
    ...(business
      ? [
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
        ]
      : []),
    ...(administers ? [{ key: '/admin', label: can('manage-users') || can('manage-org') ? '系统管理' : '安全管理' }] : []),
    ...(can('audit-log') ? [{ key: '/audit', label: '审计日志' }] : []),
  ];
  const home = business ? null : administers ? '/admin' : '/audit';
  const selected = items.map((i) => i.key).filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 24, paddingInline: narrow ? 8 : 50 }}>
        {drawer && (
          // on a phone or a tablet the menu is a drawer: a horizontal one would fold its entries into "…"
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />}
            onClick={() => setMenuOpen(true)}
            aria-label="菜单"
            data-testid="menu-open"
          />
        )}
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap', flex: drawer ? 1 : undefined }}>
          整改通
        </Typography.Title>
        {drawer ? (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            size={260}
            title={session.user.displayName}
            styles={{ body: { padding: 0 } }}
            data-testid="menu-drawer"
          >
            <Menu
              mode="inline"
              selectedKeys={selected}
              items={items}
              onClick={(e) => {
                setMenuOpen(false);
                navigate(e.key);
              }}
              style={{ borderInlineEnd: 'none' }}
            />
          </Drawer>
        ) : (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ flex: 1, minWidth: 0 }}
          />
        )}
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'who', label: `${session.user.roleLabel}${session.user.unit ? `·${session.user.unit}` : ''}`, disabled: true },
              { type: 'divider' },
              { key: 'password', label: '修改密码' },
              ...(session.user.secondFactor ? [] : [{ key: 'second-factor', label: '设置身份验证器' }]),
              { key: 'record', label: '我的信息' },
              { key: 'logout', label: '退出登录' },
            ],
            onClick: (e) =>
              e.key === 'password'
                ? setChangingPassword(true)
                : e.key === 'second-factor'
                  ? setSettingUp(true)
                  : e.key === 'record'
                    ? setOwnRecord(true)
                    : e.key === 'logout'
                      ? void leave()
                      : undefined,
          }}
        >
          <Button type="text" style={{ color: '#fff' }} data-testid="current-user" aria-label={session.user.displayName}>
            {narrow ? <UserOutlined /> : session.user.displayName} <DownOutlined />
          </Button>
        </Dropdown>
        <Modal title="修改密码" open={changingPassword} onCancel={() => setChangingPassword(false)} footer={null} destroyOnHidden>
          <ChangePasswordForm done={() => setChangingPassword(false)} />
        </Modal>
        <Modal title="设置身份验证器" open={settingUp} onCancel={() => setSettingUp(false)} footer={null} destroyOnHidden>
          <SecondFactorSetup done={() => setSettingUp(false)} />
        </Modal>
        <Modal title="我的信息" open={ownRecord} onCancel={() => setOwnRecord(false)} footer={null} width={640} destroyOnHidden>
          <MyRecord />
        </Modal>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
        {/* a new screen tries again: the failure was that screen's */}
        <LoadFailure key={location.pathname}>
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route path="/" element={home ? <Navigate to={home} replace /> : <DashboardPage />} />
              {/* the ledger's screens are for its business roles; an administrator's address to one goes home */}
              {business && (
                <>
                  <Route path="/ledger" element={<LedgerPage />} />
                  <Route path="/problems/:code" element={<ProblemPage />} />
                  <Route
                    path="/import"
                    element={can('import') ? <ImportPage mode="import" /> : <NotYours what="导入整改报告" who="整改办" />}
                  />
                  <Route path="/check" element={<ImportPage mode="check" />} />
                  <Route path="/perf" element={<PerfListPage />} />
                  <Route path="/perf/:id" element={<PerfEvaluationPage />} />
                  <Route path="/supervision" element={<SupervisionPage />} />
                  <Route path="/notifications" element={<NotificationsPage />} />
                  <Route path="/todo" element={<TodoPage />} />
                  <Route
                    path="/submissions"
                    element={can('intake') ? <SubmissionsPage /> : <NotYours what="群众反映" who="整改办和监督" />}
                  />
                  <Route path="/leads" element={can('leads') ? <LeadsPage /> : <NotYours what="问题线索" who="纪检和监督" />} />
                  <Route path="/leads/:code" element={can('leads') ? <LeadPage /> : <NotYours what="问题线索" who="纪检和监督" />} />
                </>
              )}
              <Route
                path="/admin"
                element={administers ? <AdminPage /> : <NotYours what="系统管理" who="系统管理员、安全管理员和整改办" />}
              />
              <Route path="/audit" element={can('audit-log') ? <AuditPage /> : <NotYours what="审计日志" who="审计管理员" />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </LoadFailure>
      </Layout.Content>
    </Layout>
  );
}

/**
 * Told once, after a login: when and from where the account was last used, and the failed attempts since — the way a
 * person notices that someone else has their password.
 */
function useLoginHistory() {
  const { session } = useSession();
  const { notification } = AntApp.useApp();
  const h = session?.history;
  useEffect(() => {
    if (!h) return;
    const last = h.lastLogin ? `上次登录：${when(h.lastLogin.at)}，地址 ${h.lastLogin.ip}` : '这是该账号的首次登录';
    const failed = h.failuresSince
      ? `此后登录失败 ${h.failuresSince} 次，最近一次在 ${when(h.lastFailure?.at ?? '')}，地址 ${h.lastFailure?.ip}。如非本人操作，请修改密码并告知安全管理员。`
      : '此后没有失败的登录。';
    notification[h.failuresSince ? 'warning' : 'info']({
      message: last,
      description: failed,
      placement: 'topRight',
      duration: h.failuresSince ? 0 : 6,
      props: { 'data-testid': 'login-history' } as object,
    });
  }, [h, notification]);
}

const when = (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** An account the system administrator created and the security administrator has not yet granted a role. */
function NoRoleYet() {
  const { session, logout } = useSession();
  return (
    <Result
      status="info"
      title={`${session?.user.displayName}，您的账号尚未授予角色`}
      subTitle="账号由系统管理员新建后，须由安全管理员授予角色（整改办、责任单位、领导、监督或纪检）方可使用。请联系安全管理员。"
      extra={
        <Button onClick={() => void logout()} data-testid="no-role-logout">
          退出登录
        </Button>
      }
      data-testid="no-role"
    />
  );
}

/** After an administrator's reset: nothing but the new password until it is set (the server allows nothing else). */
function FirstPassword() {
  const { session, logout } = useSession();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card
        title={`${session?.user.displayName}，请先设置新密码`}
        style={{ width: 420, maxWidth: 'calc(100vw - 24px)' }}
        extra={
          <Button type="link" onClick={() => void logout()}>
            退出
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          您的密码由管理员设置（新开账号或重置密码）或已超过有效期，只能用于设置新密码。请输入现在的密码，并设置您自己的新密码。
        </Typography.Paragraph>
        <ChangePasswordForm oldLabel="现在的密码" />
      </Card>
    </div>
  );
}

/** The security policy requires an authenticator of this role: it is set up before anything else. */
function FirstSecondFactor() {
  const { session, logout } = useSession();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card
        title={`${session?.user.displayName}，请先设置身份验证器`}
        style={{ width: 520, maxWidth: 'calc(100vw - 24px)' }}
        extra={
          <Button type="link" onClick={() => void logout()}>
            退出
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          安全策略要求“{session?.user.roleLabel}”登录时除密码外还须输入手机身份验证器中的动态验证码（双因素认证）。
        </Typography.Paragraph>
        <SecondFactorSetup />
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
