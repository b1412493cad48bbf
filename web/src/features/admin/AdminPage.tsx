// 系统管理, as each administrator's duty opens it (三员分立): the system administrator's organisation tree, people,
// accounts, which unit owns each source, and backups; the security administrator's accounts (to grant roles) and
// policy; an office's own part of the tree.
import { App, Button, Card, Col, Form, type FormInstance, Input, Row, Select, Table, Tabs } from 'antd';
import type { Body, SourceItem } from '../../lib/types.ts';
import { OwnerSelect } from '../../components/OwnerSelect.tsx';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { flat, useUnits } from '../../lib/units.ts';
import { UnitsTab } from './UnitsTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { BackupsTab } from './BackupsTab.tsx';
import { PolicyTab } from './PolicyTab.tsx';
import { save, withoutEmpty } from './save.ts';

/** Saves a form's entry, then empties the form: the next entry must not silently keep the last one's unit. */
function useSubmit(route: 'POST /api/people', form: FormInstance, done: () => void) {
  const { message } = App.useApp();
  return async (v: Record<string, unknown>) => {
    if (await save(message, route, { body: withoutEmpty<Body<'POST /api/people'>>(v) }, { ok: '已保存', reload: done })) form.resetFields();
  };
}

export function AdminPage() {
  const { can, session } = useSession();
  const units = useUnits(can('manage-org'));
  const people = useGet('GET /api/people', can('manage-org') ? {} : null);
  const unitOptions = units.options;
  // an office keeps its own unit's tree; an administrator every unit
  const own = session?.user.role === 'admin' ? null : (flat(units.tree).find((u) => u.name === session?.user.unit) ?? null);
  const mine = session?.user.role === 'admin' ? null : new Set(own ? flat([own]).map((u) => u.id) : []);
  const sources = useGet('GET /api/sources', can('manage-users') ? {} : null);
  const [personForm] = Form.useForm();
  const addPerson = useSubmit('POST /api/people', personForm, people.reload);
  const { message } = App.useApp();
  const setOwner = async (code: string, unitId: number | null) => {
    try {
      const r = await api('PUT /api/sources/:source/owner', { params: { source: code }, body: { unitId } });
      message.success(r.owner ? `${code} 已归${r.owner}所有` : `${code} 已不归任何单位`);
      sources.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  const organisation = [
    {
      key: 'units',
      label: '组织机构',
      children: (
        <UnitsTab
          tree={units.tree}
          options={unitOptions}
          reload={units.reload}
          canEdit={can('manage-org')}
          mine={mine}
          own={own?.id ?? null}
        />
      ),
    },
    {
      key: 'people',
      label: '人员',
      children: (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Table
              rowKey="id"
              size="small"
              dataSource={people.data?.items ?? []}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '职务', dataIndex: 'post' },
                { title: '单位', dataIndex: 'unit' },
              ]}
            />
          </Col>
          {can('manage-org') && (
            <Col xs={24} lg={10}>
              <Card title="新增人员">
                <Form form={personForm} name="new-person" layout="vertical" onFinish={addPerson}>
                  <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="post" label="职务">
                    <Input />
                  </Form.Item>
                  <Form.Item name="unit" label="单位">
                    <Select allowClear showSearch options={unitOptions} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    保存
                  </Button>
                </Form>
              </Card>
            </Col>
          )}
        </Row>
      ),
    },
  ];
  const items = [
    ...(can('manage-org') ? organisation : []),
    ...(can('manage-users')
      ? [
          { key: 'users', label: '账号', children: <UsersTab unitOptions={unitOptions} duty="system" /> },
          {
            key: 'sources',
            label: '整改来源归属',
            children: (
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={sources.data?.items ?? []}
                data-testid="source-owners"
                columns={[
                  { title: '编号', dataIndex: 'code', width: 130 },
                  { title: '名称', dataIndex: 'title' },
                  { title: '问题', dataIndex: 'problems', width: 70 },
                  {
                    title: '归属单位（其整改办、领导、监督可见并管理整个来源）',
                    key: 'owner',
                    width: 340,
                    render: (_: unknown, s: SourceItem) => (
                      <OwnerSelect
                        options={units.idOptions}
                        value={s.owner_unit_id}
                        onChange={(unitId) => void setOwner(s.code, unitId)}
                        placeholder="未指定：暂不归任何单位"
                        testId={`owner-${s.code}`}
                      />
                    ),
                  },
                ]}
              />
            ),
          },
        ]
      : []),
    ...(can('backup') ? [{ key: 'backups', label: '备份', children: <BackupsTab /> }] : []),
    ...(can('grant-roles') ? [{ key: 'grants', label: '账号授权', children: <UsersTab unitOptions={unitOptions} duty="security" /> }] : []),
    ...(can('security-policy') ? [{ key: 'policy', label: '安全策略', children: <PolicyTab /> }] : []),
  ];
  return <Tabs items={items} />;
}
