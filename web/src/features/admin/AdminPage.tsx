// 系统管理: the organisation tree, people, accounts with their roles, and which unit owns each source.
import { App, Button, Card, Col, Form, type FormInstance, Input, Row, Select, Table, Tabs, Tree } from 'antd';
import type { SourceItem } from '../../lib/types.ts';
import { OwnerSelect } from '../../components/OwnerSelect.tsx';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { useUnits, type UnitNode } from '../../lib/units.ts';
import { ROLE } from '../../lib/labels.ts';

const UNIT_KINDS = [
  ['party-committee', '党委（党组）'],
  ['government', '政府'],
  ['bureau', '局（委、办）'],
  ['section', '科室（股）'],
  ['town', '乡镇（街道）'],
  ['village', '村（社区）'],
  ['company', '企业'],
  ['school', '学校'],
  ['other', '其他'],
] as const;
const ROLES = Object.entries(ROLE) as [string, string][];

/** Saves a form's entry, then empties the form: the next entry must not silently keep the last one's unit. */
function useSubmit(url: string, form: FormInstance, done: () => void) {
  const { message } = App.useApp();
  return async (v: Record<string, unknown>) => {
    try {
      await api('POST', url, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')));
      message.success('已保存');
      form.resetFields();
      done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
}

export function AdminPage() {
  const { can } = useSession();
  const units = useUnits();
  const people = useGet<{ items: { id: number; name: string; post: string | null; unit: string | null }[] }>('/api/people');
  const users = useGet<{
    items: { id: number; username: string; displayName: string; role: string; unit: string | null; active: boolean }[];
  }>(can('manage-users') ? '/api/users' : null);
  const unitOptions = units.options;
  type TreeNode = { key: number; title: string; children: TreeNode[] };
  const toTree = (ns: UnitNode[]): TreeNode[] => ns.map((n) => ({ key: n.id, title: n.name, children: toTree(n.children) }));
  const sources = useGet<{ items: SourceItem[] }>(can('manage-users') ? '/api/sources' : null);
  const [unitForm] = Form.useForm();
  const [personForm] = Form.useForm();
  const [userForm] = Form.useForm();
  const addUnit = useSubmit('/api/units', unitForm, units.reload);
  const addPerson = useSubmit('/api/people', personForm, people.reload);
  const addUser = useSubmit('/api/users', userForm, users.reload);
  const { message } = App.useApp();
  const setOwner = async (code: string, unitId: number | null) => {
    try {
      const r = await api<{ owner: string | null }>('PUT', `/api/sources/${encodeURIComponent(code)}/owner`, { unitId });
      message.success(r.owner ? `${code} 已归${r.owner}所有` : `${code} 已不归任何单位（只有系统管理员可见）`);
      sources.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  const items = [
    {
      key: 'units',
      label: '组织机构',
      children: (
        <Row gutter={16}>
          <Col span={12}>
            <Card title="单位">
              <Tree defaultExpandAll treeData={toTree(units.tree)} />
            </Card>
          </Col>
          {can('manage-org') && (
            <Col span={12}>
              <Card title="新增单位">
                <Form form={unitForm} layout="vertical" onFinish={addUnit}>
                  <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="kind" label="类型">
                    <Select options={UNIT_KINDS.map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item name="parent" label="上级单位">
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
    {
      key: 'people',
      label: '人员',
      children: (
        <Row gutter={16}>
          <Col span={14}>
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
            <Col span={10}>
              <Card title="新增人员">
                <Form form={personForm} layout="vertical" onFinish={addPerson}>
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
    ...(can('manage-users')
      ? [
          {
            key: 'users',
            label: '账号与角色',
            children: (
              <Row gutter={16}>
                <Col span={14}>
                  <Table
                    rowKey="id"
                    size="small"
                    dataSource={users.data?.items ?? []}
                    columns={[
                      { title: '用户名', dataIndex: 'username' },
                      { title: '姓名', dataIndex: 'displayName' },
                      { title: '角色', dataIndex: 'role', render: (r: string) => ROLES.find(([k]) => k === r)?.[1] ?? r },
                      { title: '单位', dataIndex: 'unit' },
                    ]}
                  />
                </Col>
                <Col span={10}>
                  <Card title="新增账号">
                    <Form form={userForm} layout="vertical" onFinish={addUser}>
                      <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name="password"
                        label="初始密码（至少 8 位）"
                        rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}
                      >
                        <Input.Password />
                      </Form.Item>
                      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                        <Select options={ROLES.map(([value, label]) => ({ value, label }))} />
                      </Form.Item>
                      <Form.Item name="unit" label="所属单位">
                        <Select allowClear showSearch options={unitOptions} />
                      </Form.Item>
                      <Button type="primary" htmlType="submit">
                        保存
                      </Button>
                    </Form>
                  </Card>
                </Col>
              </Row>
            ),
          },
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
                        placeholder="未指定：只有系统管理员可见"
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
  ];
  return <Tabs items={items} />;
}
