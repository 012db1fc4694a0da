// Command rapport is a personal relationship manager for salespeople: a
// terminal UI and a command line over one embedded database.
package main

import (
	"os"

	"rapport/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
