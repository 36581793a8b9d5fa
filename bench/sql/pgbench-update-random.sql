\set id random(1, 10000)
UPDATE bench_pgb SET v = v + 1 WHERE id = :id;
