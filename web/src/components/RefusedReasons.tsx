// What a file was refused for, one line per cell or row it names: nothing was kept, and each reason says where.
import { Alert } from 'antd';

export function RefusedReasons(props: { title: string; reasons: readonly string[]; testId: string }) {
  if (props.reasons.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={props.title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid={props.testId}>
          {props.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      }
    />
  );
}
