import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api';

/** A record that is absent or not addressed to this bank (404), or that could not be loaded. */
export function LoadError({ error, what, back }: { error: Error; what: string; back: { to: string; label: string } }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? `${what}不存在` : '加载失败'}
      subTitle={error.message}
      extra={
        <Link to={back.to}>
          <Button type="primary">{back.label}</Button>
        </Link>
      }
    />
  );
}
