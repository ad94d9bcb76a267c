import { describe, expect, it } from 'vitest';
import { connectOptions, parseDatabaseLocation, type PostgresServer } from '../../../electron/db/database-url';

function server(url: string): PostgresServer {
  const location = parseDatabaseLocation(url);
  if (location.kind !== 'postgres') throw new Error(`${url} was read as a file`);
  return location.server;
}

function problem(url: string): string {
  try {
    parseDatabaseLocation(url);
  } catch (e) {
    expect(e).toMatchObject({ code: 'invalid_input' });
    return (e as Error).message;
  }
  throw new Error(`${url} was accepted`);
}

describe('the database location (--db, SMS_DESK_DB, Settings → Team)', () => {
  it('reads a file path as SQLite, whatever it looks like', () => {
    for (const path of ['desk.sqlite', '/home/ann/desk.sqlite', 'C:\\Users\\Ann\\desk.sqlite', ':memory:', './a:b'])
      expect(parseDatabaseLocation(path)).toEqual({ kind: 'sqlite', path });
  });

  it('reads a PostgreSQL URL part by part, with the default port', () => {
    expect(server('postgres://desk@db.example.com:6543/shop')).toEqual({
      host: 'db.example.com',
      port: 6543,
      database: 'shop',
      user: 'desk',
      password: undefined,
      sslmode: 'require',
      display: 'postgres://desk@db.example.com:6543/shop?sslmode=require',
    });
    expect(server('postgresql://ann%40shop@db.example.com/desk')).toMatchObject({ user: 'ann@shop', port: 5432 });
  });

  it('requires TLS except on this computer; an sslmode in the URL wins', () => {
    expect(server('postgres://desk@db.example.com/desk').sslmode).toBe('require');
    expect(server('postgres://desk@10.0.0.5/desk').sslmode).toBe('require');
    for (const local of ['localhost', '127.0.0.1', '[::1]'])
      expect(server(`postgres://desk@${local}/desk`).sslmode).toBe('disable');
    expect(server('postgres://desk@/desk?host=/var/run/postgresql')).toMatchObject({
      host: '/var/run/postgresql',
      sslmode: 'disable',
    });
    expect(server('postgres://desk@db.example.com/desk?sslmode=disable').sslmode).toBe('disable');
    expect(server('postgres://desk@localhost/desk?sslmode=verify-full').sslmode).toBe('verify-full');
  });

  it('turns the sslmode into the driver’s TLS options', () => {
    const ssl = (url: string) => connectOptions(server(url)).ssl;
    expect(ssl('postgres://desk@localhost/desk')).toBe(false);
    expect(ssl('postgres://desk@db.example.com/desk')).toEqual({ rejectUnauthorized: true });
    expect(ssl('postgres://desk@db.example.com/desk?sslmode=no-verify')).toEqual({ rejectUnauthorized: false });
  });

  it('keeps a password given in the URL for connecting, never for showing', () => {
    const s = server('postgres://desk:s3cret%21@db.example.com/desk');
    expect(s.password).toBe('s3cret!');
    expect(s.display).not.toContain('s3cret');
    expect(connectOptions(s).password).toBe('s3cret!');
    expect(connectOptions(s, { password: 'from the secret store' }).password).toBe('from the secret store');
  });

  it('names what is wrong with a URL, and never repeats its password', () => {
    expect(problem('mysql://desk@db.example.com/desk')).toMatch(/is a mysql:\/\/ URL: only postgres:\/\//);
    expect(problem('postgres://desk@db.example.com:99x/desk')).toMatch(/port "99x", which is not a number/);
    expect(problem('postgres://desk@db.example.com:70000/desk')).toMatch(/port/);
    expect(problem('postgres://desk@db.example.com/')).toMatch(/names no database/);
    expect(problem('postgres://db.example.com/desk')).toMatch(/names no user/);
    expect(problem('postgres:///desk')).toMatch(/names no server/);
    expect(problem('postgres://desk@db.example.com/desk?sslmode=prefer')).toMatch(
      /sslmode=prefer; it must be one of disable, no-verify, require, verify-ca, verify-full/,
    );
    expect(problem('postgres://desk@db.example.com/desk?pool=3')).toMatch(/option "pool", which is not understood/);
    expect(problem('postgres://desk@/desk?host=relative')).toMatch(/Unix socket folder/);
    expect(problem('postgres://desk:hunter2@db.example.com:bad/desk')).not.toContain('hunter2');
    expect(problem('   ')).toMatch(/empty/);
  });
});
