import { startSharePointTestbed } from "../fakes";
import { describeRecordStoreContract } from "./record-store-contract";

// The shared storage contract, run unchanged against SharePoint lists: the production Graph client, provisioner and
// store, over real HTTPS to the SharePoint fake. Only the HTTP boundary is fake.
describeRecordStoreContract("SharePoint lists via Graph", {
  makeHarness: async (collections) => {
    const testbed = await startSharePointTestbed();
    const report = await testbed.provision(collections);
    return { factory: testbed.factory(report.listIds), close: () => testbed.close() };
  },
});
