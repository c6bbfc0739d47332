import { openDatabase, SqliteProvisioner, SqliteRecordStoreFactory, type SqliteDb } from "../../store";
import { describeRecordStoreContract } from "./record-store-contract";

// The shared storage contract, against SQLite in memory. SQLite-only behaviour (provisioning, cursors, ids) is
// tested beside the code in store/records/.
describeRecordStoreContract("SQLite", {
  makeHarness: async (collections) => {
    const db: SqliteDb = openDatabase(":memory:");
    await new SqliteProvisioner(db).provision(collections);
    return {
      factory: new SqliteRecordStoreFactory(db),
      close: async () => {
        if (db.open) db.close();
      },
    };
  },
});
