using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aicq.StatusPage.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "generator_url",
                schema: "status",
                table: "incidents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "labels",
                schema: "status",
                table: "incidents",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "request_ids",
                schema: "status",
                table: "incidents",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "runbook_url",
                schema: "status",
                table: "incidents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "generator_url",
                schema: "status",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "labels",
                schema: "status",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "request_ids",
                schema: "status",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "runbook_url",
                schema: "status",
                table: "incidents");
        }
    }
}
