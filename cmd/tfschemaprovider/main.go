// Command tfschemaprovider is an offline stand-in for the hashicorp/aws
// provider: it serves the schemas of the file named by
// $TFSCHEMAPROVIDER_SCHEMA over plugin protocol 6 so that OpenTofu can run
// validate and plan without network access. It never applies anything.
//
// Build it as terraform-provider-aws and point a dev_overrides entry for
// "hashicorp/aws" at its directory; internal/tofuverify does this. A copy
// named terraform-provider-awscc serves hashicorp/awscc from the file named
// by $TFSCHEMAPROVIDER_AWSCC_SCHEMA instead.
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ontopix/codeartifact-gen/internal/tfschemaprovider"
)

func main() {
	address := tfschemaprovider.AddressFor(os.Args[0])
	srv, err := tfschemaprovider.NewForAddress(address)
	if err != nil {
		// The failing server still starts, so OpenTofu shows this error as a
		// diagnostic; stderr is for a human running the binary by hand.
		fmt.Fprintln(os.Stderr, "tfschemaprovider:", err)
	}
	err = tf6server.Serve(address, func() tfprotov6.ProviderServer { return srv })
	if err != nil {
		fmt.Fprintln(os.Stderr, "tfschemaprovider:", err)
		os.Exit(1)
	}
}
