-- Card templates per note type, in order (schema 15 on; config: protobuf).
SELECT ntid, name, config FROM templates ORDER BY ntid, ord
