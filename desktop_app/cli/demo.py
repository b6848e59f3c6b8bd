"""bienche demo [--scale office|province] [--seed N]: realistic synthetic data."""

import time


def add(sub, common) -> None:
    p = sub.add_parser("demo", help="tạo dữ liệu mẫu (xác định theo --seed)", add_help=False)
    common(p)
    p.add_argument("--scale", choices=["office", "province"], default="office",
                   help="quy mô: office (≈150 đơn vị) hoặc province (≈2.500 đơn vị)")
    p.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from desktop_app.services.demo import generate

    started = time.perf_counter()
    summary = generate(ctx, scale=args.scale, seed=args.seed)
    took = time.perf_counter() - started
    print(f"Đã tạo dữ liệu mẫu trong {took:.1f} giây: " +
          ", ".join(f"{v} {k}" for k, v in summary.items()))
    return 0
