from tripkit.cli import main

main()
