"""`python -m launcher` (what `make run` starts): every process of the service, kept alive."""

from launcher.stack import main

if __name__ == "__main__":
    main()
