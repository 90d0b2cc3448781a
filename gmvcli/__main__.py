from gmvcli.cli import main

main()
