import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api';

/** A project that is absent or outside the user's scope (404), or that could not be loaded. */
export function ProjectLoadError({ error }: { error: Error }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? '项目不存在' : '加载失败'}
      subTitle={error.message}
      extra={
        <Link to="/projects">
          <Button type="primary">返回项目列表</Button>
        </Link>
      }
    />
  );
}
