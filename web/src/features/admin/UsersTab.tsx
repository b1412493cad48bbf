// 账号与角色: every account with its state, and what an administrator does to one — edit its name, role and unit,
// reset its password (a one-time password shown once), deactivate or reactivate it — beside the form for a new one.
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { useGet } from '../../lib/api.ts';
import { ROLE } from '../../lib/labels.ts';
import { save, withoutEmpty } from './save.ts';
import { AccountFields, NewPasswordItem } from './fields.tsx';
import type { Answer, Body } from '../../lib/types.ts';
import type { Role } from '../../../../src/core/access/permissions.ts';

type User = Answer<'GET /api/users'>['items'][number];

export function UsersTab({ unitOptions }: { unitOptions: { value: string; label: string }[] }) {
  const { message, modal } = App.useApp();
  const { session } = useSession();
  const users = useGet('GET /api/users', {});
  const [editing, setEditing] = useState<User | null>(null);
  const [newForm] = Form.useForm();
  const [editForm] = Form.useForm();

  const add = async (v: Record<string, unknown>) => {
    // emptied after saving: the next account must not silently keep the last one's unit
    if (
      await save(message, 'POST /api/users', { body: withoutEmpty<Body<'POST /api/users'>>(v) }, { ok: '账号已新增', reload: users.reload })
    )
      newForm.resetFields();
  };
  const edit = async (v: { displayName: string; role: string; unit?: string }) => {
    if (!editing) return;
    const body = { displayName: v.displayName, role: v.role as Role, unit: v.unit ?? null, version: editing.version };
    if (await save(message, 'PUT /api/users/:id', { params: { id: editing.id }, body }, { ok: '账号已修改', reload: users.reload }))
      setEditing(null);
  };
  const reset = async (u: User) => {
    const r = await save(
      message,
      'POST /api/users/:id/password-reset',
      { params: { id: u.id } },
      {
        ok: `已重置 ${u.displayName} 的密码`,
        reload: users.reload,
      },
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
  const setActive = (u: User, active: boolean) =>
    save(
      message,
      'PUT /api/users/:id/active',
      { params: { id: u.id }, body: { active } },
      { ok: active ? `${u.displayName} 已启用` : `${u.displayName} 已停用`, reload: users.reload },
    );

  return (
    <Row gutter={16}>
      <Col span={15}>
        <Table
          rowKey="id"
          size="small"
          data-testid="users"
          dataSource={users.data?.items ?? []}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', render: (r: string) => ROLE[r] ?? r },
            { title: '单位', dataIndex: 'unit' },
            {
              title: '状态',
              key: 'state',
              render: (_: unknown, u: User) => (
                <Space size={4}>
                  {u.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
                  {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'do',
              render: (_: unknown, u: User) => {
                const self = u.username === session?.user.username;
                return (
                  <Space size={0} wrap>
                    <Button type="link" size="small" data-testid={`user-edit-${u.username}`} onClick={() => setEditing(u)}>
                      编辑
                    </Button>
                    {!self && (
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
              },
            },
          ]}
        />
      </Col>
      <Col span={9}>
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
          initialValues={editing ? { displayName: editing.displayName, role: editing.role, unit: editing.unit ?? undefined } : {}}
          data-testid="user-edit-form"
        >
          <AccountFields unitOptions={unitOptions} roleLocked={editing?.username === session?.user.username} />
        </Form>
      </Modal>
    </Row>
  );
}
