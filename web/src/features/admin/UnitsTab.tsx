// 组织机构: the unit tree; choosing a unit opens it for editing — its name, kind, parent (moving it) and e-mail — and
// for retiring it (it keeps its history, takes no new work) or bringing it back. New units are added beside.
import { App, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Space, Tree, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { flat, type UnitNode } from '../../lib/units.ts';
import { useNarrow } from '../../lib/narrow.ts';
import { save, withoutEmpty } from './save.ts';
import { UnitFields } from './fields.tsx';
import type { Body } from '../../lib/types.ts';
import type { UnitKind } from '../../../../src/core/vocabulary.ts';

type TreeNode = { key: number; title: ReactNode; children: TreeNode[] };
const toTree = (ns: readonly UnitNode[]): TreeNode[] =>
  ns.map((n) => ({
    key: n.id,
    title: n.retired ? <Typography.Text type="secondary">{n.name}（已撤销）</Typography.Text> : n.name,
    children: toTree(n.children),
  }));

export function UnitsTab(props: {
  tree: readonly UnitNode[];
  options: { value: string; label: string }[];
  reload: () => void;
  canEdit: boolean;
  /** the units this person may change: an office its own unit's tree, an administrator every unit (null) */
  mine: ReadonlySet<number> | null;
  /** an office's own unit: it may be renamed but not moved or retired */
  own: number | null;
}) {
  const { message } = App.useApp();
  const [chosenId, setChosenId] = useState<number | null>(null);
  // the tree sits beside the form on a computer, above it on a phone
  const narrow = useNarrow();
  const [newForm] = Form.useForm();
  const all = flat(props.tree);
  const editable = (id: number) => props.mine === null || props.mine.has(id);
  // where a unit may go: within what this person keeps (core/access/org-changes.ts says the same on the server)
  const keptOptions =
    props.mine === null ? props.options : props.options.filter((o) => all.some((u) => u.name === o.value && editable(u.id)));
  const chosen = all.find((u) => u.id === chosenId) ?? null;
  const parentOf = (id: number) => all.find((u) => u.children.some((c) => c.id === id))?.name;
  // a unit cannot move under itself or a unit below it
  const below = chosen ? new Set(flat([chosen]).map((u) => u.name)) : new Set<string>();

  const add = async (v: Record<string, unknown>) => {
    if (
      await save(message, 'POST /api/units', { body: withoutEmpty<Body<'POST /api/units'>>(v) }, { ok: '单位已新增', reload: props.reload })
    )
      newForm.resetFields();
  };
  const edit = (v: { name: string; kind: string; parent?: string; email?: string }) =>
    chosen &&
    save(
      message,
      'PUT /api/units/:id',
      {
        params: { id: chosen.id },
        body: { name: v.name, kind: v.kind as UnitKind, parent: v.parent ?? null, email: v.email ?? '', version: chosen.version },
      },
      { ok: '单位已修改', reload: props.reload },
    );
  const retire = (retired: boolean) =>
    chosen &&
    save(
      message,
      'PUT /api/units/:id/retired',
      { params: { id: chosen.id }, body: { retired } },
      { ok: retired ? `${chosen.name} 已撤销` : `${chosen.name} 已恢复`, reload: props.reload },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title="单位"
          extra={
            props.canEdit ? (
              <Typography.Text type="secondary">{props.mine ? '点击本单位及下级单位可编辑' : '点击单位可编辑'}</Typography.Text>
            ) : null
          }
        >
          <div data-testid="unit-tree">
            {/* made once the units are here: the tree opens every unit only when it is first drawn */}
            {props.tree.length > 0 && (
              <Tree
                defaultExpandAll
                treeData={toTree(props.tree)}
                selectedKeys={chosenId ? [chosenId] : []}
                onSelect={(keys) => setChosenId(props.canEdit && keys.length && editable(Number(keys[0])) ? Number(keys[0]) : null)}
              />
            )}
          </div>
        </Card>
      </Col>
      {props.canEdit && (
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card title={chosen ? `编辑单位：${chosen.name}${chosen.retired ? '（已撤销）' : ''}` : '编辑单位'}>
              {chosen ? (
                <Form
                  key={`${chosen.id}-${chosen.version}`}
                  name="edit-unit"
                  layout="vertical"
                  onFinish={edit}
                  initialValues={{ name: chosen.name, kind: chosen.kind, parent: parentOf(chosen.id), email: chosen.email ?? undefined }}
                  data-testid="unit-edit-form"
                >
                  <UnitFields
                    parentLabel="上级单位（改变即移动，留空为顶层）"
                    parentOptions={props.options.filter((o) => !below.has(o.value))}
                  />
                  <Form.Item name="email" label="电子邮箱（督办提醒发往此处）">
                    <Input />
                  </Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" data-testid="unit-edit-submit">
                      保存
                    </Button>
                    {chosen.id !== props.own && (
                      <Popconfirm
                        title={chosen.retired ? `恢复 ${chosen.name}？` : `撤销 ${chosen.name}？`}
                        description={
                          chosen.retired
                            ? '恢复后可再指定为牵头单位、账号所属单位'
                            : '撤销后其牵头的问题和记录保留原名，但不能再指定给它新的工作'
                        }
                        onConfirm={() => retire(!chosen.retired)}
                        okText={chosen.retired ? '恢复' : '撤销'}
                        cancelText="取消"
                      >
                        <Button danger={!chosen.retired} data-testid="unit-retire">
                          {chosen.retired ? '恢复单位' : '撤销单位'}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                </Form>
              ) : (
                <Empty description={narrow ? '在上方选择一个单位' : '在左侧选择一个单位'} />
              )}
            </Card>
            <Card title="新增单位">
              <Form form={newForm} name="new-unit" layout="vertical" onFinish={add}>
                <UnitFields parentLabel="上级单位" parentOptions={keptOptions} />
                <Button type="primary" htmlType="submit">
                  保存
                </Button>
              </Form>
            </Card>
          </Space>
        </Col>
      )}
    </Row>
  );
}
