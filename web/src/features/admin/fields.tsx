// Form fields the account and unit forms share, each with its rule in one place: a new password checked by the
// server's own rule (core/access/password-rule.ts), an account's name, role and unit (a unit is required except for
// an administrator), a unit's name, kind and parent.
import { Form, Input, Select } from 'antd';
import { passwordWeakness, PASSWORD_RULE } from '../../../../src/core/access/password-rule.ts';
import { ROLE } from '../../lib/labels.ts';
import { UNIT_KIND_LABEL } from '../../../../src/core/vocabulary.ts';

type Options = { value: string; label: string }[];

/** A new password, refused before it is sent when the rule would refuse it (`username`: it may not contain it). */
export function NewPasswordItem({ name, label, username }: { name: string; label: string; username?: string | undefined }) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={PASSWORD_RULE}
      rules={[
        { required: true, message: `请填写${label}` },
        {
          validator: async (_, value: string | undefined) => {
            const weak = value ? passwordWeakness(value, username) : null;
            if (weak) throw new Error(weak);
          },
        },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/** An account's name, role and unit. `roleLocked`: one's own role, which only another administrator may change. */
export function AccountFields({ unitOptions, roleLocked = false }: { unitOptions: Options; roleLocked?: boolean }) {
  return (
    <>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={Object.entries(ROLE).map(([value, label]) => ({ value, label }))} disabled={roleLocked} />
      </Form.Item>
      <Form.Item
        name="unit"
        label="所属单位"
        dependencies={['role']}
        rules={[({ getFieldValue }) => ({ required: getFieldValue('role') !== 'admin', message: '除系统管理员外，账号须属于一个单位' })]}
      >
        <Select allowClear showSearch options={unitOptions} />
      </Form.Item>
    </>
  );
}

/** A unit's name, kind and parent. */
export function UnitFields({ parentLabel, parentOptions }: { parentLabel: string; parentOptions: Options }) {
  return (
    <>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Select options={Object.entries(UNIT_KIND_LABEL).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="parent" label={parentLabel}>
        <Select allowClear showSearch options={parentOptions} />
      </Form.Item>
    </>
  );
}
