// 账号: every account with its state, and what each administrator does to one (三员分立). The system administrator
// creates an account (name, unit, an initial password) and edits, deactivates or reactivates it; the security
// administrator grants or withdraws its business role, resets its password (a one-time password shown once) and
// unlocks it after failed logins; the audit administrator reads the list.
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { useGet } from '../../lib/api.ts';
import { ROLE } from '../../lib/labels.ts';
import { save, withoutEmpty } from './save.ts';
import { AccountFields, NewPasswordItem } from './fields.tsx';
import type { Answer, Body } from '../../lib/types.ts';
import { BUSINESS_ROLES, isAdministrator, NO_ROLE_LABEL, type Role } from '../../../../src/core/access/permissions.ts';

type User = Answer<'GET /api/users'>['items'][number];
export type Duty = 'system' | 'security' | 'audit';

/** what the security administrator picks from: each business role, or none (withdrawn) */
const GRANTS = [
  ...BUSINESS_ROLES.map((r) => ({ value: r as string, label: ROLE[r] ?? r })),
  { value: '', label: `收回角色（${NO_ROLE_LABEL}）` },
];

export function UsersTab({ unitOptions, duty }: { unitOptions: { value: string; label: string }[]; duty: Duty }) {
  const { message, modal } = App.useApp();
  const { session } = useSession();
  const users = useGet('GET /api/users', {});
  const [editing, setEditing] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [newForm] = Form.useForm();
  const [editForm] = Form.useForm();
  const [grantForm] = Form.useForm();

  const add = async (v: Record<string, unknown>) => {
    // emptied after saving: the next account must not silently keep the last one's unit
    if (
      await save(
        message,
        'POST /api/users',
        { body: withoutEmpty<Body<'POST /api/users'>>(v) },
        { ok: '账号已新增，请安全管理员为其授予角色', reload: users.reload },
      )
    )
      newForm.resetFields();
  };
  const edit = async (v: { displayName: string; unit?: string }) => {
    if (!editing) return;
    const body = { displayName: v.displayName, unit: v.unit ?? null, version: editing.version };
    if (await save(message, 'PUT /api/users/:id', { params: { id: editing.id }, body }, { ok: '账号已修改', reload: users.reload }))
      setEditing(null);
  };
  const grant = async (v: { role: string }) => {
    if (!granting) return;
    const role = v.role === '' ? null : (v.role as Role);
    const ok = role ? `已授予 ${granting.displayName}“${ROLE[role]}”角色` : `已收回 ${granting.displayName} 的角色`;
    const body = { role, version: granting.version };
    if (await save(message, 'PUT /api/users/:id/role', { params: { id: granting.id }, body }, { ok, reload: users.reload }))
      setGranting(null);
  };
  const reset = async (u: User) => {
    const r = await save(
      message,
      'POST /api/users/:id/password-reset',
      { params: { id: u.id } },
      { ok: `已重置 ${u.displayName} 的密码`, reload: users.reload },
    );
    if (r)
      modal.success({
        title: `${u.displayName}（${u.username}）的一次性密码`,
        content: (
          <Space direction="vertical">
            <Typography.Text copyable strong style={{ fontSize: 20 }} data-testid="one-time-password">
              {r.password}
            </Typography.Text>
            <Typography.Text type="secondary">
              只显示这一次。请当面或电话告知本人；其登录后须先设置自己的新密码。其原有登录已全部退出。
            </Typography.Text>
          </Space>
        ),
      });
  };
  const dropFactor = (u: User) =>
    save(
      message,
      'DELETE /api/users/:id/second-factor',
      { params: { id: u.id } },
      { ok: `已解除 ${u.displayName} 的身份验证器`, reload: users.reload },
    );
  const unlock = (u: User) =>
    save(
      message,
      'POST /api/users/:id/unlock',
      { params: { id: u.id } },
      { ok: `已解除 ${u.displayName} 的登录等待`, reload: users.reload },
    );
  const setActive = (u: User, active: boolean) =>
    save(
      message,
      'PUT /api/users/:id/active',
      { params: { id: u.id }, body: { active } },
      { ok: active ? `${u.displayName} 已启用` : `${u.displayName} 已停用`, reload: users.reload },
    );

  const actions = (u: User) => {
    const self = u.username === session?.user.username;
    const admin = isAdministrator(u.role);
    if (duty === 'system')
      return (
        <Space size={0} wrap>
          <Button type="link" size="small" data-testid={`user-edit-${u.username}`} onClick={() => setEditing(u)}>
            编辑
          </Button>
          {!self && (
            <Popconfirm
              title={u.active ? `停用 ${u.displayName}？` : `启用 ${u.displayName}？`}
              description={u.active ? '停用后立即退出登录，且不能再登录；其经办记录保留' : '启用后可用原密码登录'}
              onConfirm={() => setActive(u, !u.active)}
              okText={u.active ? '停用' : '启用'}
              cancelText="取消"
            >
              <Button type="link" size="small" danger={u.active} data-testid={`user-active-${u.username}`}>
                {u.active ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          )}
        </Space>
      );
    if (duty === 'security' && !self)
      return (
        <Space size={0} wrap>
          {!admin && (
            <Button type="link" size="small" data-testid={`user-grant-${u.username}`} onClick={() => setGranting(u)}>
              授予角色
            </Button>
          )}
          {(!admin || u.role === 'security') && (
            <Popconfirm
              title={`重置 ${u.displayName} 的密码？`}
              description="将生成一次性密码，其当前登录随即退出"
              onConfirm={() => reset(u)}
              okText="重置"
              cancelText="取消"
            >
              <Button type="link" size="small" data-testid={`user-reset-${u.username}`}>
                重置密码
              </Button>
            </Popconfirm>
          )}
          <Button type="link" size="small" data-testid={`user-unlock-${u.username}`} onClick={() => void unlock(u)}>
            解除锁定
          </Button>
          {u.secondFactor && (
            <Popconfirm
              title={`解除 ${u.displayName} 的身份验证器？`}
              description="如手机遗失。其当前登录随即退出；下次登录可重新设置"
              onConfirm={() => dropFactor(u)}
              okText="解除"
              cancelText="取消"
            >
              <Button type="link" size="small" data-testid={`user-factor-${u.username}`}>
                解除身份验证器
              </Button>
            </Popconfirm>
          )}
        </Space>
      );
    return null;
  };

  const table = (
    <Table
      rowKey="id"
      size="small"
      data-testid="users"
      dataSource={users.data?.items ?? []}
      columns={[
        { title: '用户名', dataIndex: 'username' },
        { title: '姓名', dataIndex: 'displayName' },
        {
          title: '角色',
          dataIndex: 'role',
          render: (r: string | null) => (r ? (ROLE[r] ?? r) : <Tag color="gold">{NO_ROLE_LABEL}</Tag>),
        },
        { title: '单位', dataIndex: 'unit' },
        {
          title: '状态',
          key: 'state',
          render: (_: unknown, u: User) => (
            <Space size={4}>
              {u.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
              {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
              {u.secondFactor && <Tag color="blue">身份验证器</Tag>}
            </Space>
          ),
        },
        ...(duty === 'audit' ? [] : [{ title: '操作', key: 'do', render: (_: unknown, u: User) => actions(u) }]),
      ]}
    />
  );
  if (duty !== 'system')
    return (
      <>
        {table}
        <Modal
          title={granting ? `授予 ${granting.displayName}（${granting.username}）角色` : ''}
          open={granting !== null}
          onCancel={() => setGranting(null)}
          onOk={() => grantForm.submit()}
          okText="授予"
          cancelText="取消"
          destroyOnHidden
        >
          <Form
            key={granting?.id}
            name="grant-role"
            form={grantForm}
            layout="vertical"
            onFinish={grant}
            initialValues={{ role: granting?.role ?? '' }}
          >
            <Typography.Paragraph type="secondary">
              所属单位：{granting?.unit ?? '（未指定，请系统管理员先指定单位）'}。授予或收回后，其当前登录随即退出；此操作记入审计日志。
            </Typography.Paragraph>
            <Form.Item name="role" label="业务角色">
              <Select options={GRANTS} data-testid="grant-role" />
            </Form.Item>
          </Form>
        </Modal>
      </>
    );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        {table}
      </Col>
      <Col xs={24} lg={9}>
        <Card title="新增账号">
          <Form form={newForm} name="new-user" layout="vertical" onFinish={add}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input />
            </Form.Item>
            <NewPasswordItem name="password" label="初始密码" />
            <AccountFields unitOptions={unitOptions} />
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        </Card>
      </Col>
      <Modal
        title={editing ? `编辑账号 ${editing.username}` : ''}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => editForm.submit()}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form
          key={editing?.id}
          name="edit-user"
          form={editForm}
          layout="vertical"
          onFinish={edit}
          initialValues={editing ? { displayName: editing.displayName, unit: editing.unit ?? undefined } : {}}
          data-testid="user-edit-form"
        >
          <AccountFields unitOptions={unitOptions} administrator={isAdministrator(editing?.role ?? null)} />
        </Form>
      </Modal>
    </Row>
  );
}
