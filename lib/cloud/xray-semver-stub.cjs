'use strict';
// Stands in for `semver` in Lambda bundles (see lib/cloud/bundling.ts). Its only importer there is
// aws-xray-sdk-core's AWS SDK v2 patcher (captureAWS), which Quoteflow never calls: the v3 clients
// go through captureAWSv3Client. Loud if that ever changes.
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      throw new Error(`semver.${String(name)} is not bundled (lib/cloud/xray-semver-stub.cjs)`);
    },
  },
);
