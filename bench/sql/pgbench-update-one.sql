UPDATE bench_pgb SET v = v + 1 WHERE id = 1;
