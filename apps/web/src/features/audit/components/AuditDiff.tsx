import { Col, Row, Typography } from 'antd';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        padding: 12,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
        fontSize: 12,
        maxHeight: 320,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** before → after of one audit row. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  return (
    <Row gutter={16} align="top" wrap={false}>
      <Col flex="1" style={{ minWidth: 0 }}>
        <Typography.Text strong>变更前</Typography.Text>
        <Json value={before} />
      </Col>
      <Col flex="none" style={{ paddingTop: 32, fontSize: 20, color: '#8c8c8c' }}>
        →
      </Col>
      <Col flex="1" style={{ minWidth: 0 }}>
        <Typography.Text strong>变更后</Typography.Text>
        <Json value={after} />
      </Col>
    </Row>
  );
}
