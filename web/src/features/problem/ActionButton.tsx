// A button that opens a form for one change to a problem and posts it: what was typed survives a stray click, Enter
// pressed twice sends once, and a refusal is shown in the server's own words.
import { Alert, App, Button, Form, Modal } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useSession } from '../../app/session.tsx';

type Field = { name: string; label: string; input: ReactNode; required?: boolean };
/**
 * What a form's fields hold, as Ant Design gives them: each field's own input decides its type. The body built from
 * them is checked against what the route accepts (its fields by name), and the server checks the values.
 */
// biome-ignore lint/suspicious/noExplicitAny: a form's values are typed by its inputs, not by the form
export type Filled = Record<string, any>;

/** A button that opens a form and posts it; the page reloads after. */
export function ActionButton(props: {
  label: string;
  title: string;
  fields: Field[];
  submit: (v: Filled) => Promise<unknown>;
  done: () => void;
  danger?: boolean;
  testId?: string;
  /** shown above the form: what the person decides on (the evidence of a closure request) */
  intro?: ReactNode;
  /** what the form opens with: the problem's present values, so that saving one field does not clear the others */
  initial?: Record<string, unknown>;
  /** the next thing the problem's state asks of the viewer: drawn as the page's main button */
  primary?: boolean;
  /**
   * Where what is typed is kept on this device until it is sent (a report begun on a phone survives a dropped
   * connection, a closed tab, a call taking over the screen). Text fields only.
   */
  draft?: string;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // what was typed is not thrown away by a stray click outside the dialog: closing it then asks first
  // a draft is its writer's: another account on the same browser neither sees nor sends it
  const user = useSession().session?.user.username;
  const drafts = props.draft && user ? `zg-draft:${user}:${props.draft}` : null;
  const [restored, setRestored] = useState(false);
  const shut = () => {
    form.resetFields(); // the next opening starts empty
    setOpen(false);
  };
  const keep = (values: Record<string, unknown>) => {
    if (!drafts) return;
    const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
    try {
      if (Object.values(typed).some((v) => v !== '')) localStorage.setItem(drafts, JSON.stringify(typed));
      else localStorage.removeItem(drafts);
    } catch {
      // storage full or refused (a private window): the form still works, the draft is not kept
    }
  };
  const kept = (): Record<string, unknown> => {
    if (!drafts) return {};
    try {
      return JSON.parse(localStorage.getItem(drafts) ?? '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const close = () =>
    // a kept draft is not lost by closing: it is there when the form opens again
    form.isFieldsTouched() && !drafts
      ? modal.confirm({
          title: '放弃已填写的内容？',
          content: `“${props.title}”中填写的内容尚未提交，关闭后将不保留。`,
          okText: '放弃并关闭',
          cancelText: '继续填写',
          onOk: shut,
        })
      : shut();
  const sending = useRef(false);
  const onFinish = async (v: Record<string, unknown>) => {
    if (sending.current) return; // Enter pressed again while it is being sent: once is enough
    sending.current = true;
    setBusy(true);
    try {
      await props.submit(v);
      if (drafts) localStorage.removeItem(drafts);
      message.success(`${props.title}：已完成`);
      shut();
      props.done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        danger={props.danger}
        type={props.primary ? 'primary' : 'default'}
        onClick={() => (setRestored(Object.keys(kept()).length > 0), setOpen(true))}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
      <Modal title={props.title} open={open} onCancel={close} footer={null} destroyOnHidden width={props.intro ? 720 : 520}>
        {props.intro}
        {restored && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复本机保存的草稿，提交后清除" data-testid="draft-restored" />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ ...props.initial, ...kept() }}
          onValuesChange={(_, all) => keep(all as Record<string, unknown>)}
        >
          {props.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
            >
              {f.input}
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy} data-testid={props.testId ? `${props.testId}-submit` : undefined}>
            提交
          </Button>
        </Form>
      </Modal>
    </>
  );
}
