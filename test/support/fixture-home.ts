// The files of a realistic HOME with secrets everywhere, for the scan integration tests (written
// with home.ts makeHome). Its keys are the named ones of keys.ts.
import { KEY_ID, KEY_ID_2, KEY_ID_3, PROXY_PASSWORD, SECRET, SECRET_2, SECRET_3, SESSION_ID, TOKEN } from './keys.js';

/** Every secret in the fixture home: no output may contain 8 characters of any of them in a row. */
export const FIXTURE_SECRETS = [KEY_ID, SECRET, SESSION_ID, TOKEN, KEY_ID_2, SECRET_2, KEY_ID_3, SECRET_3, PROXY_PASSWORD];

export const CONFIG = [
  '[default]',
  'region = eu-west-1',
  '',
  '[profile admin]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = default',
  '',
  '[profile safe-admin]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = default',
  'mfa_serial = arn:aws:iam::123456789012:mfa/me',
  '',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = eu-west-1',
  '',
  '[profile sso-dev]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Developer',
  '',
  '[profile minio]',
  'endpoint_url = http://localhost:9000',
  's3 =',
  '  endpoint_url = http://minio.corp.example:9000',
  '  addressing_style = path',
  '',
  '[profile static-in-config]',
  `aws_access_key_id = ${KEY_ID_2}`,
  `aws_secret_access_key = ${SECRET_2}`,
  '',
  '[services corp-endpoints]',
  'sqs =',
  '  endpoint_url = https://sqs.corp.example',
  '',
].join('\n');

/** CRLF on purpose: files copied from Windows keep them and botocore reads them fine. */
export const CREDENTIALS = [
  '[default]',
  `aws_access_key_id = ${KEY_ID}`,
  `aws_secret_access_key = ${SECRET}`,
  '',
  '[temp]',
  `aws_access_key_id = ${SESSION_ID}`,
  `aws_secret_access_key = ${SECRET_3}`,
  `aws_session_token = ${TOKEN}`,
  '',
  `# retired: aws_access_key_id = ${KEY_ID_3}`,
  '',
].join('\r\n');

export const ALIAS = [
  '[toplevel]',
  'whoami = sts get-caller-identity',
  'insecure-ls = s3 ls --no-verify-ssl',
  '',
].join('\n');

export const BASHRC = [
  '# ~/.bashrc',
  'export PATH="$HOME/bin:$PATH"',
  `export AWS_SECRET_ACCESS_KEY=${SECRET_2}`,
  'export AWS_ACCESS_KEY_ID=$(pass show aws/id)',
  '# export NODE_TLS_REJECT_UNAUTHORIZED=0',
  `export HTTPS_PROXY=http://me:${PROXY_PASSWORD}@proxy.corp.example:3128`,
  '',
].join('\n');

export const ZSHRC = [
  'alias awsx="aws --no-verify-ssl"',
  'export NODE_TLS_REJECT_UNAUTHORIZED=0',
  '',
].join('\n');

export const DOTENV = `AWS_SESSION_TOKEN=${TOKEN}\n`;

export const FIXTURE_FILES = {
  '.aws/config': CONFIG,
  '.aws/credentials': CREDENTIALS,
  '.aws/cli/alias': ALIAS,
  '.bashrc': BASHRC,
  '.zshrc': ZSHRC,
  '.env.local': DOTENV,
  '.boto': '[Boto]\nhttps_validate_certificates = False\n',
};
